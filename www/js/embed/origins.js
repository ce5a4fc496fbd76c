// The origins a partner lists for embed.html (?origins=a,b): the iframe answers only these
// (frame.js), and the server allows only these to frame it (tools/serve.mjs, frame-ancestors).
// No DOM here: Node imports this file too.

/** Origins listed in `value` (comma- or space-separated) that are well-formed http(s) origins. */
export function originsOf(value) {
  return (value || '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .filter((o) => {
      try {
        const u = new URL(o);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
      } catch {
        return false;
      }
    });
}
