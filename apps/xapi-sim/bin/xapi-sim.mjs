#!/usr/bin/env node
// Launches the TypeScript CLI through tsx's loader (Node 20 cannot strip types itself).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
