// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import mdx from '@astrojs/mdx';

export default defineConfig({
  output: 'static',
  integrations: [react(), mdx()],
  // Code blocks (the authoring guide's) on the site's light background: the default dark theme's
  // colours fail WCAG contrast there.
  markdown: { shikiConfig: { theme: 'github-light-high-contrast' } },
  // `npm start`, `npm run preview` and `npm run dev` serve here: 127.0.0.1, port $PORT or 4321.
  server: { host: '127.0.0.1', port: Number(process.env.PORT) || 4321 },
  build: {
    // The site's CSS (~2 KB gzip) goes into each page's <style> rather than a render-blocking
    // <link>: Lighthouse counted that request against the lesson page's first paint.
    inlineStylesheets: 'always',
  },
  vite: {
    build: {
      rolldownOptions: {
        // Astro marks every MDX content entry with a "use astro:head-inject" directive that Rolldown
        // warns about, once per lab step (withastro/astro#18087, harmless). Keep the build log readable.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
