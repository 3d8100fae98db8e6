// Zod probes `new Function` whenever an object schema is built, to decide whether it may compile
// parsers. Our CSP has no 'unsafe-eval', so the browser refuses the probe and reports a violation.
// Zod reads its configuration from this global; set before any module runs (a classic script in
// <head> runs before the deferred module scripts), jitless makes zod skip the probe.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
