// The projector's tally reloads itself every ten seconds. A script, not a <meta> refresh: a page
// that reloads on its own without the reader's say is an accessibility failure (WCAG 2.2.1), and
// this one is the organiser's projector page alone. Without it, the page is simply reloaded by hand.
setTimeout(() => window.location.reload(), 10000);
