/** Builds the example app with Vite into a folder of the caller's choice, quietly. */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

/**
 * Runs `vite build` with the example's config into `outDir`.
 *
 * @example
 * ```ts
 * await buildApp(await mkdtemp(join(tmpdir(), 'app-')));
 * ```
 */
export async function buildApp(outDir: string): Promise<void> {
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
