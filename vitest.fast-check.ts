// Property tests explore new random inputs on every local run, and print the seed of any failure
// to replay it. CI runs them with one fixed seed, so a landing is never refused by an input no
// one has seen; a counterexample found locally becomes a known-answer test.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261128 });
