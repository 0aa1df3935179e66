#!/usr/bin/env node
// The `ibanera-server` command: the compiled entry point (built by `npm install` / `npm run build`).
await import('../dist/main.js');
