import react from '@vitejs/plugin-react';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The most JavaScript a first visit may download, gzipped (issue: initial load on slow council networks). */
const INITIAL_JS_LIMIT = 250 * 1024;

/** Prints the gzipped size of the JavaScript the first page load needs (entry plus its static imports) and fails the build over the limit. */
function initialJavaScript(): Plugin {
  return {
    name: 'waymark-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const needed = new Set<string>();
      const visit = (file: string) => {
        if (needed.has(file)) return;
        needed.add(file);
        for (const next of byName.get(file)?.imports ?? []) visit(next);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      const bytes = [...needed].reduce((sum, file) => sum + gzipSync(byName.get(file)!.code).length, 0);
      const lazy = chunks.filter((c) => !needed.has(c.fileName)).reduce((sum, c) => sum + gzipSync(c.code).length, 0);
      console.log(`Initial JavaScript: ${(bytes / 1024).toFixed(1)} KB gzipped in ${needed.size} files (limit ${INITIAL_JS_LIMIT / 1024} KB); views loaded on demand: ${(lazy / 1024).toFixed(1)} KB`);
      if (bytes > INITIAL_JS_LIMIT) this.error(`Initial JavaScript is ${(bytes / 1024).toFixed(1)} KB gzipped, over the ${INITIAL_JS_LIMIT / 1024} KB limit`);
    },
  };
}

export default defineConfig({
  plugins: [react(), initialJavaScript()],
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin'] } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
