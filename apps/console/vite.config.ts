import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import { CONSOLE_CSP, CONSOLE_DEV_CSP, consoleSecurityHeaders } from './security-headers';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';

// The console and the API share one origin through this proxy, so the refresh cookie stays first-party.
const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiUrl },
  '/health': { target: apiUrl },
  '/socket.io': { target: apiUrl, ws: true },
};

export default defineConfig({
  root: __dirname,
  cacheDir: '../../node_modules/.vite/apps/console',
  plugins: [react(), tsconfigPaths({ root: '../..' })],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy, headers: consoleSecurityHeaders(CONSOLE_DEV_CSP) },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy, headers: consoleSecurityHeaders(CONSOLE_CSP) },
  build: {
    outDir: '../../dist/apps/console',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the console: their own files stay cached across releases.
        manualChunks: {
          vendor: ['react', 'react-dom', 'react-router-dom', '@tanstack/react-query', '@tanstack/react-virtual', 'zustand', 'socket.io-client'],
        },
      },
    },
  },
});
