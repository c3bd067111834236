import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
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
  plugins: [
    react(),
    tsconfigPaths({ root: '../..' }),
    // Installable on a phone's home screen. The worker keeps only the built shell (JS, CSS, HTML, icons) so the console
    // opens at once; conversations always come from the network, never from a cache that could show stale ones.
    VitePWA({
      registerType: 'autoUpdate',
      // A file of its own rather than an inline script, which the console's Content-Security-Policy forbids.
      injectRegister: 'script',
      includeAssets: ['favicon.svg', 'apple-touch-icon-180x180.png'],
      manifest: {
        name: 'Backtalk',
        short_name: 'Backtalk',
        description: 'Two-way SMS helpdesk',
        start_url: '/inbox',
        scope: '/',
        display: 'standalone',
        theme_color: '#3451d1',
        background_color: '#ffffff',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//, /^\/health/],
        // The API and the live socket are never answered from a cache.
        runtimeCaching: [{ urlPattern: ({ url }) => /^\/(api|socket\.io|health)(\/|$)/.test(url.pathname), handler: 'NetworkOnly' }],
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
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
          vendor: ['react', 'react-dom', 'react-dom/client', 'react-router-dom', '@tanstack/react-query', '@tanstack/react-virtual', 'zustand', 'socket.io-client'],
        },
      },
    },
  },
});
