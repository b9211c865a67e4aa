// The bundler inlines Markdown as text (scripts/bundle.mjs, loader '.md'), so `--explain` works
// wherever dist/cli.js is copied.
declare module '*.md' {
  const text: string;
  export default text;
}
