// Two projects: pure logic (rules, functions, engine, CLI) runs in node; the task pane in jsdom.
const tsJest = [
  "ts-jest",
  {
    tsconfig: {
      module: "commonjs",
      target: "ES2020",
      esModuleInterop: true,
      resolveJsonModule: true,
      strict: true,
      skipLibCheck: true,
      types: ["jest", "node", "office-js", "custom-functions-runtime"],
    },
    diagnostics: { warnOnly: false },
  },
];
const common = {
  transform: { "^.+\\.ts$": tsJest },
  moduleFileExtensions: ["ts", "js", "json"],
  setupFiles: ["<rootDir>/test/setup/office-globals.ts"],
  // EXPORTCTL_TRACE=dir: record the citations each test reaches (docs/traceability.md).
  setupFilesAfterEnv: ["<rootDir>/test/setup/fast-check-seed.ts", "<rootDir>/test/setup/trace-steps.ts"],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/{rules,functions,engine,cli,settings,shipments,screening}/**/*.test.ts"],
      // office-addin-mock (the settings tests' Excel objects): see the taskpane project.
      moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
    },
    {
      ...common,
      displayName: "taskpane",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/test/taskpane/**/*.test.ts"],
      // office-addin-mock requires office-addin-manifest, whose main file pulls ESM-only packages.
      moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
    },
  ],
  collectCoverageFrom: ["src/rules/**/*.ts"],
  coverageReporters: ["text-summary", "text"],
  coverageThreshold: { "./src/rules/": { lines: 95 } },
};
