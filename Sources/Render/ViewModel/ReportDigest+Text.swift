extension ReportDigest {
    /// For tickets and chat: a heading, a table of instances, the findings with their
    /// top growers (`digest.md`).
    public func markdown(_ templates: TemplateSet) throws -> String {
        try templates.render(DigestView(self, format: .markdown), template: "digest.md")
    }

    /// For an email's text part: the same, as plain text under 78 columns where it can be
    /// (`digest.txt`).
    public func plainText(_ templates: TemplateSet) throws -> String {
        try templates.render(DigestView(self, format: .text), template: "digest.txt")
    }

    /// A short HTML summary for an email body (`digest-email`). Styles are inline
    /// attributes, because many mail clients drop `<style>`; every field is escaped.
    public func emailHTML(_ templates: TemplateSet) throws -> String {
        try templates.render(DigestView(self, format: .html), template: "digest-email")
    }
}
