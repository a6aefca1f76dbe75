import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the gateway's static resources; `npm run dev` proxies the API and the login to a running gateway.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // ECharts is most of the weight: its own chunk is cached across releases of the screens.
        manualChunks: { echarts: ['echarts', 'echarts-for-react'] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/login': 'http://localhost:8080', '/logout': 'http://localhost:8080' },
  },
});
