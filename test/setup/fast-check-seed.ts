// Property tests draw the same inputs on every run, so a failure reproduces and the traceability
// table (the tests reaching each paragraph) comes out the same; FC_SEED=n explores other inputs.
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });
