// Speech recognition as the whole app sees it: transcripts, word error rate, the voice-command grammar.
export * from './transcript';
export * from './word-error-rate';
export * from './voice-commands';
