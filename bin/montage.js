#!/usr/bin/env node
// The installed `montage` command: runs the built CLI (npm run build makes dist/).
import('../dist/cli/montage.js').catch((err) => {
  console.error(`montage: the CLI is not built (${err.message}). Run \`npm run build\` in the Montage folder.`);
  process.exit(1);
});
