import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { cjkFontFaces } from "./fontFaces";

// Port 1420 and strictPort match what the Tauri app's devUrl expects.
export default defineConfig({
  plugins: [cjkFontFaces(), svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Keep every asset a real file: the CSP allows no inline data for scripts or styles.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
});
