/* global NodeJS */
// The part of cli-progress (no bundled types) the CLI uses.
declare module "cli-progress" {
  export interface Options {
    format?: string;
    stream?: NodeJS.WritableStream;
    noTTYOutput?: boolean;
    notTTYSchedule?: number;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    hideCursor?: boolean;
    barsize?: number;
    fps?: number;
    etaBuffer?: number;
  }
  export class SingleBar {
    constructor(options: Options, preset?: unknown);
    start(total: number, start: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  export const Presets: Record<string, unknown>;
}
