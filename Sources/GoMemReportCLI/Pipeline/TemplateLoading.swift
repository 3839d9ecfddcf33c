import BundledResources
import Foundation
import Ingest
import MemoryModel
import Render

/// Finds the templates and stylesheet: the bundled copies, or the user's folders.
enum TemplateLoading {
    static func load(templatesFolder: String?, assetsFolder: String?) throws -> TemplateSet {
        var templates: [String: (path: String, text: String)] = [:]
        if let templatesFolder {
            let names = try folderContents(templatesFolder).filter { $0.hasSuffix(".mustache") }
            guard !names.isEmpty else {
                throw InputError(file: templatesFolder, reason: "no *.mustache templates in this folder")
            }
            for name in names {
                let path = (templatesFolder as NSString).appendingPathComponent(name)
                templates[name] = (path, try InputFile.text(path))
            }
        } else {
            // The page's templates; templates/digest/ is the digests' own set.
            for path in BundledFiles.paths(under: "templates/") where path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count))
                if !name.contains("/") { templates[name] = (path, bundledText(path)) }
            }
        }
        let css: String
        if let assetsFolder {
            css = try InputFile.text((assetsFolder as NSString).appendingPathComponent("report.css"))
        } else {
            css = bundledText("assets/report.css")
        }
        return try TemplateSet(templates: templates, css: css)
    }

    /// The digests' templates (`templates/digest/`: Markdown, the email's text and HTML
    /// parts). Always the bundled ones: `--templates` themes the page.
    static func digest() throws -> TemplateSet {
        var templates: [String: (path: String, text: String)] = [:]
        for path in BundledFiles.paths(under: "templates/digest/") where path.hasSuffix(".mustache") {
            templates[String(path.dropFirst("templates/digest/".count))] = (path, bundledText(path))
        }
        return try TemplateSet(templates: templates, css: "", required: nil)
    }

    static func bundledText(_ path: String) -> String {
        String(decoding: BundledFiles.data(at: path) ?? Data(), as: UTF8.self)
    }

    private static func folderContents(_ folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: folder, reason: "no such folder")
        }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }
}
