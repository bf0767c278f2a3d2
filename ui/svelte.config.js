/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    runes: true,
    // The app's CSP has no 'unsafe-inline' for styles, so component CSS must
    // end up in the emitted stylesheet rather than injected <style> tags.
    css: "external",
  },
};
