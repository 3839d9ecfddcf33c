import Foundation
import PackagePlugin

/// Compiles `templates/`, `assets/` and `Examples/` from the package root into the
/// target as data, so the installed `gomemreport` binary needs no resource folder.
///
/// SwiftPM resources would put a bundle directory beside the executable; a generated
/// Swift source keeps everything inside the one file people copy around.
@main
struct EmbedFiles: BuildToolPlugin {
    static let folders = ["templates", "assets", "Examples"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            inputs += Self.files(under: root.appendingPathComponent(folder))
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BundledFiles+Data.swift")
        let relative = inputs.map { String($0.path.dropFirst(root.path.count + 1)) }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) files from templates/, assets/ and Examples/",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [output.path, root.path] + relative,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    /// Regular files below `folder`, skipping dot files (editor droppings).
    static func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(url.standardizedFileURL)
            }
        }
        return found
    }
}
