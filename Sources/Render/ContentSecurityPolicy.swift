/// The Content-Security-Policy every report carries in a `<meta>` tag.
///
/// `default-src 'none'` forbids every network load (scripts, styles, images, fonts,
/// frames, fetches); only the inline `<style>` and `style` attributes are allowed.
/// Reports carry no script, so none is allowed.
public enum ContentSecurityPolicy {
    public static let forReport = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
}
