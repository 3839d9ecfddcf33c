import ArgumentParser
import Render

/// `--templates` and `--assets`, shared by every command that renders HTML.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("templates"), help: ArgumentHelp("Use the Mustache templates in this folder instead of the bundled ones (page.mustache and its partials).", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("assets"), help: ArgumentHelp("Use report.css from this folder instead of the bundled stylesheet.", valueName: "dir"))
    var assets: String?

    /// The bundled templates and stylesheet, or the user's; fails on a missing folder or
    /// a template that does not parse.
    func load() throws -> TemplateSet {
        try TemplateLoading.load(templatesFolder: templates, assetsFolder: assets)
    }
}
