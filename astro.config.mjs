// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import mdx from '@astrojs/mdx';

export default defineConfig({
  output: 'static',
  integrations: [react(), mdx()],
  // Not Astro's prefetch, which the client router turns on for every link on hover: it watches every
  // change to the page (the simulator's included) and rescans all its links each time. The router
  // (src/layouts/Router.astro) fetches the next step itself.
  prefetch: false,
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
    // The portal's CSS modules in one chunk, so that every lesson step inlines the same <style>. Split
    // over two chunks of equal rank, Astro's CSS sort (whose comparator never answers "equal", sorting
    // the route's list in place page after page) put them in one order on odd steps and the other on
    // even ones: the client router then swapped the <style> on every step change, and the browser
    // restyled the whole simulator.
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [{ name: 'portal-styles', test: /\.module\.css/ }],
              },
            },
          },
        },
      },
    },
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
