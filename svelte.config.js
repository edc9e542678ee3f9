import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Read by @sveltejs/vite-plugin-svelte, svelte-check and eslint-plugin-svelte.
// Svelte 5 strips TypeScript in <script lang="ts"> itself; vitePreprocess handles
// <style lang="…"> through Vite's CSS pipeline.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  preprocess: vitePreprocess(),
};
