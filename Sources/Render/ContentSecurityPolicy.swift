/// The Content-Security-Policy every page carries in a `<meta>` tag (reports, profile
/// pages, the site index).
///
/// - `default-src 'none'` forbids every network load: scripts, styles, images, fonts,
///   frames, fetches, media, workers, manifests.
/// - `script-src 'none'` says it again for scripts, explicitly: pages carry no script
///   at all (no inline `<script>`, no JSON block, no event handler attribute), so
///   nothing, not even an inline script that an escaping bug let through, may run. If a
///   page ever needs one, allow it by its sha256 hash computed at render time, never
///   with `'unsafe-inline'`.
/// - `object-src 'none'` forbids plugins (`<object>`, `<embed>`), `base-uri 'none'` a
///   `<base>` that would re-point relative links, `form-action 'none'` any form
///   submission.
/// - `style-src 'unsafe-inline'` allows the inline `<style>` and `style` attributes the
///   pages are made of (CSS cannot run script in current browsers); `img-src data:`
///   inline images only.
///
/// `frame-ancestors` and `sandbox` are ignored in a `<meta>` policy (Chromium says so
/// on the console), so they are left out: a report opened from disk or a static host
/// cannot forbid being framed; a server that hosts reports should send
/// `frame-ancestors 'none'` as a header.
public enum ContentSecurityPolicy {
    public static let forReport = "default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; "
        + "img-src data:; base-uri 'none'; form-action 'none'"
}
