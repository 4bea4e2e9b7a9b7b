// Playback's pure decisions live with the instruments in src/shared/sound (the CLI's render thread
// uses them too); this re-export keeps the song views' imports where they were.
export * from '../../shared/sound/playback-logic';
