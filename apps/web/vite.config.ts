import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The most JavaScript a first visit may download, as sent compressed (issue: initial load on slow council networks). */
const INITIAL_JS_LIMIT = 250 * 1024;

/** Files the server sends compressed, as copies made here once at the strongest settings. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the build, which the server sends as
 * they are. Prints the size of the JavaScript the first page load needs (entry plus its static imports) in
 * the bytes actually sent, each way, and fails the build when either is over the limit (browsers take
 * Brotli only over HTTPS, so many get gzip).
 */
function compressAndMeasure(): Plugin {
  return {
    name: 'waymark-compress-and-measure',
    apply: 'build',
    writeBundle(options, bundle) {
      const sent = new Map<string, { gzip: number; br: number }>();
      for (const file of Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f))) {
        const bytes = readFileSync(join(options.dir!, file));
        const gzip = gzipSync(bytes, { level: 9 });
        const br = brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        });
        writeFileSync(join(options.dir!, `${file}.gz`), gzip);
        writeFileSync(join(options.dir!, `${file}.br`), br);
        sent.set(file, { gzip: gzip.length, br: br.length });
      }
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const needed = new Set<string>();
      const visit = (file: string) => {
        if (needed.has(file)) return;
        needed.add(file);
        for (const next of byName.get(file)?.imports ?? []) visit(next);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      const total = (files: string[], encoding: 'gzip' | 'br') =>
        files.reduce((sum, file) => sum + sent.get(file)![encoding], 0);
      const initial = [...needed];
      const lazy = chunks.map((c) => c.fileName).filter((f) => !needed.has(f));
      const gzip = total(initial, 'gzip');
      const br = total(initial, 'br');
      console.log(
        `Initial JavaScript as sent: ${kb(gzip)} gzip, ${kb(br)} Brotli, in ${initial.length} files (limit ${kb(INITIAL_JS_LIMIT)}); views loaded on demand: ${kb(total(lazy, 'gzip'))} gzip, ${kb(total(lazy, 'br'))} Brotli`,
      );
      if (Math.max(gzip, br) > INITIAL_JS_LIMIT)
        this.error(`Initial JavaScript is ${kb(Math.max(gzip, br))} as sent, over the ${kb(INITIAL_JS_LIMIT)} limit`);
    },
  };
}

export default defineConfig({
  plugins: [react(), compressAndMeasure()],
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin'] } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
