import CCurl
import Foundation

/// One libcurl easy handle: the only owner of a `CURL *`, cleaned up in `deinit`.
///
/// A handle keeps its connection open between transfers, so an IMAP session fetching many
/// messages or an SMTP session sending many letters logs in once. Responses are collected by
/// callbacks into a `Transfer` box; the server's reply lines come from curl's debug stream
/// (`CURLINFO_HEADER_IN`) only — the client's own lines, where AUTH travels, are never kept.
final class CurlEasy {
    /// What one `perform` collected.
    struct Response {
        /// Bytes curl handed to the write callback (a fetched message, an untagged IMAP response).
        var body: [UInt8]
        /// The server's reply lines, in order, without their line ends.
        var replies: [String]
    }

    /// The state the C callbacks write into; reached through an unmanaged pointer.
    private final class Transfer {
        var body: [UInt8] = []
        var replies: [String] = []
        var upload: [UInt8] = []
        var uploadOffset = 0
        var partialReply: [UInt8] = []
    }

    private let handle: UnsafeMutableRawPointer
    private let transfer = Transfer()
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    init() throws(MailTransportError) {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw MailTransportError(kind: .other, curlCode: Int(CURLE_FAILED_INIT.rawValue),
                                     curlMessage: "libcurl could not be initialised", serverReply: nil)
        }
        self.handle = handle
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = dsar_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, Self.write)
        _ = dsar_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = dsar_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, Self.read)
        _ = dsar_curl_setopt_pointer(handle, CURLOPT_READDATA, context)
        _ = dsar_curl_setopt_debug_callback(handle, Self.debug)
        _ = dsar_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context)
        _ = dsar_curl_setopt_long(handle, CURLOPT_VERBOSE, 1)
        _ = dsar_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        // libcurl reads a server's response lines through this buffer; the default (16 KiB) cut
        // long untagged IMAP lines (a SEARCH of thousands of UIDs) and dropped their middle.
        _ = dsar_curl_setopt_long(handle, CURLOPT_BUFFERSIZE, 512 * 1024)
        _ = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            dsar_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
        }
    }

    deinit { curl_easy_cleanup(handle) }

    /// Sets a numeric option.
    func set(_ option: CURLoption, _ value: Int) {
        _ = dsar_curl_setopt_long(handle, option, value)
    }

    /// Sets a text option (curl copies the string), or clears it with nil.
    func set(_ option: CURLoption, _ value: String?) {
        if let value {
            _ = value.withCString { dsar_curl_setopt_string(handle, option, $0) }
        } else {
            _ = dsar_curl_setopt_string(handle, option, nil)
        }
    }

    /// Runs one transfer. `upload` is sent as the request body (an SMTP message); `recipients`
    /// become `CURLOPT_MAIL_RCPT`.
    func perform(upload: [UInt8]? = nil, recipients: [String] = []) throws(MailTransportError) -> Response {
        transfer.body.removeAll(keepingCapacity: true)
        transfer.replies.removeAll(keepingCapacity: true)
        transfer.partialReply.removeAll(keepingCapacity: true)
        transfer.upload = upload ?? []
        transfer.uploadOffset = 0
        errorBuffer[0] = 0
        set(CURLOPT_UPLOAD, upload == nil ? 0 : 1)
        if let upload { _ = dsar_curl_setopt_long(handle, CURLOPT_INFILESIZE, upload.count) }

        var list: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients { list = curl_slist_append(list, recipient) }
        defer {
            if list != nil { _ = dsar_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil) }
            curl_slist_free_all(list)
        }
        if list != nil { _ = dsar_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, list) }

        let code = curl_easy_perform(handle)
        if !transfer.partialReply.isEmpty {
            transfer.replies.append(String(decoding: transfer.partialReply, as: UTF8.self))
            transfer.partialReply.removeAll()
        }
        guard code == CURLE_OK else { throw failure(code) }
        return Response(body: transfer.body, replies: transfer.replies)
    }

    /// The numeric response code of the last transfer (SMTP and IMAP reply codes).
    var responseCode: Int {
        var value = 0
        _ = dsar_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &value)
        return value
    }

    private func failure(_ code: CURLcode) -> MailTransportError {
        let buffered = errorBuffer.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { String(cString: $0) } ?? ""
        }
        let message = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        // The refusal, not the goodbye that follows it (`221 Bye`, `A004 OK Logout completed`).
        let reply = transfer.replies.last(where: Self.isRefusal) ?? transfer.replies.last
        let kind: MailTransportError.Kind
        switch code {
        case CURLE_LOGIN_DENIED: kind = .authentication
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM:
            kind = .certificate
        case CURLE_USE_SSL_FAILED: kind = .tlsRequired
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR,
             CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            if let reply, let replyCode = SMTPReply.code(of: reply), replyCode >= 400 {
                kind = replyCode >= 500 ? .permanent : .temporary
            } else {
                kind = .connection
            }
        case CURLE_REMOTE_ACCESS_DENIED, CURLE_REMOTE_FILE_NOT_FOUND: kind = .folder
        default:
            if let reply, let replyCode = SMTPReply.code(of: reply), replyCode >= 400 {
                kind = replyCode >= 500 ? .permanent : .temporary
            } else {
                kind = .other
            }
        }
        return MailTransportError(kind: kind, curlCode: Int(code.rawValue), curlMessage: message, serverReply: reply)
    }

    /// An SMTP reply of 400 or more, or an IMAP `NO` or `BAD` (tagged or not).
    static func isRefusal(_ line: String) -> Bool {
        if let code = SMTPReply.code(of: line) { return code >= 400 }
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        return words.count >= 2 && (words[1] == "NO" || words[1] == "BAD")
    }

    // MARK: C callbacks

    private static let write: dsar_curl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        }
        return length
    }

    private static let read: dsar_curl_data_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        let room = size * count
        let left = transfer.upload.count - transfer.uploadOffset
        let length = min(room, left)
        guard length > 0 else { return 0 }
        transfer.upload.withUnsafeBufferPointer { source in
            guard let start = source.baseAddress else { return }
            buffer.withMemoryRebound(to: UInt8.self, capacity: length) { target in
                target.update(from: start + transfer.uploadOffset, count: length)
            }
        }
        transfer.uploadOffset += length
        return length
    }

    private static let debug: dsar_curl_debug_callback = { _, type, data, size, context in
        // Only what the server said: never CURLINFO_HEADER_OUT (AUTH) or data.
        guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        data.withMemoryRebound(to: UInt8.self, capacity: size) { bytes in
            for byte in UnsafeBufferPointer(start: bytes, count: size) {
                if byte == 0x0A {
                    if transfer.partialReply.last == 0x0D { transfer.partialReply.removeLast() }
                    transfer.replies.append(String(decoding: transfer.partialReply, as: UTF8.self))
                    transfer.partialReply.removeAll(keepingCapacity: true)
                } else {
                    transfer.partialReply.append(byte)
                }
            }
        }
        return 0
    }
}
