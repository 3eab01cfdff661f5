import Foundation
import HTTPServer

/// Serves files from the `public/` folder with their content type and an `ETag`.
///
/// Only regular files with a known extension are served. A path segment that is empty or
/// starts with `.` (hidden files, `..`), or contains `\` or NUL, is refused, and so is any
/// symbolic link on the way, so nothing outside the folder is reachable even through a link
/// placed inside it. The router has already rejected `%2F` and `..` segments.
struct StaticFileServer: Sendable {
    static let maxFileBytes = 2 * 1024 * 1024
    static let maxSegments = 8
    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "svg": "image/svg+xml",
        "png": "image/png",
        "ico": "image/x-icon",
        "txt": "text/plain; charset=utf-8",
        "woff2": "font/woff2",
    ]

    /// The resolved absolute path of `public/`.
    let root: String

    struct File: Sendable {
        var contents: [UInt8]
        var contentType: String
        var etag: String
    }

    /// Reads the file at `segments` below the root; nil when it is not servable.
    func file(_ segments: [String]) -> File? {
        guard !segments.isEmpty, segments.count <= Self.maxSegments,
            segments.allSatisfy(Self.isAcceptableSegment),
            let fileName = segments.last, let dot = fileName.lastIndex(of: "."),
            let contentType = Self.contentTypes[fileName[fileName.index(after: dot)...].lowercased()]
        else { return nil }

        var path = self.root
        for (index, segment) in segments.enumerated() {
            path += "/" + segment
            let kind = Self.kind(of: path)
            let isLast = index == segments.count - 1
            guard kind == (isLast ? .regularFile : .directory) else { return nil }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maxFileBytes + 1), data.count <= Self.maxFileBytes else {
            return nil
        }
        let contents = Array(data)
        let etag = "\"" + String(SHA256Digest.hex(SHA256Digest.bytes(contents)).prefix(32)) + "\""
        return File(contents: contents, contentType: contentType, etag: etag)
    }

    /// The response for `file`: 304 when `If-None-Match` names its ETag, otherwise 200.
    static func response(
        _ file: File,
        request: Request,
        policy: String = PageSecurityHeaders.pagePolicy,
        cacheControl: String = "no-cache"
    ) -> Response {
        var headers = HTTPHeaders()
        headers.set("ETag", file.etag)
        PageSecurityHeaders.apply(to: &headers, policy: policy, cacheControl: cacheControl)
        if let condition = request.headers["If-None-Match"], self.matches(condition, etag: file.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", file.contentType)
        return Response(status: .ok, headers: headers, body: file.contents)
    }

    /// Whether an `If-None-Match` value names `etag` (weak comparison) or is `*`.
    static func matches(_ condition: String, etag: String) -> Bool {
        for candidate in condition.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" {
                return true
            }
            if tag.hasPrefix("W/") {
                tag.removeFirst(2)
            }
            if tag == etag {
                return true
            }
        }
        return false
    }

    static func isAcceptableSegment(_ segment: String) -> Bool {
        !segment.isEmpty && !segment.hasPrefix(".") && !segment.contains("\\") && !segment.utf8.contains(0)
            && !segment.contains("/")
    }

    enum Kind: Equatable {
        case regularFile, directory, other
    }

    /// The type of `path` itself (`lstat`, so a symbolic link is `other`, never its target).
    static func kind(of path: String) -> Kind {
        var information = stat()
        guard lstat(path, &information) == 0 else { return .other }
        switch information.st_mode & 0o170000 {
        case 0o100000: return .regularFile
        case 0o040000: return .directory
        default: return .other
        }
    }
}
