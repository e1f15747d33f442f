#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm ci && npx outlay`
// needs no build step and can never run stale output.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
