// The serve entry: the Node version check runs before anything else is loaded (see node-version-guard.ts);
// only then is the server itself imported, with its dependencies.
import './node-version-guard.js';

await import('./serve.js');
