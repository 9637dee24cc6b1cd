/** Images imported by the dashboard (esbuild's `file` loader): the hashed URL of the copied file. */
declare module '*.jpg' {
  const url: string;
  export default url;
}
