// The Resilience calculator for partner pages, in one script tag:
//
//   <script type="module" src="https://…/resilience-embed.js"></script>
//   <resilience-assessment lang="en" mode="full"></resilience-assessment>
//
// Defines <resilience-assessment> (js/embed/element.js). Everything it needs (the engine's
// wasm, the stylesheet, the translations) is loaded relative to this file's own URL, so these
// files may be hosted under any path. See docs/embedding.md.
import { ResilienceAssessment } from './js/embed/element.js';

if (!customElements.get('resilience-assessment')) customElements.define('resilience-assessment', ResilienceAssessment);

export { ResilienceAssessment };
