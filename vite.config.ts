import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer bundle: loaded from app:// in Electron and from the serve port in a browser. */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
