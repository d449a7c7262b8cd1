import CCurl

extension CurlEasy {
    /// Points the handle at `account` with `options`: login, TLS rules, time limits.
    func configure(for account: MailAccount, options: MailConnectionOptions) {
        set(CURLOPT_USERNAME, account.user.isEmpty ? nil : account.user)
        set(CURLOPT_PASSWORD, options.password)
        if options.password == nil && options.useNetrc {
            set(CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))
        }
        if !account.scheme.implicitTLS {
            let level = options.allowPlaintext ? CURLUSESSL_TRY : CURLUSESSL_ALL
            set(CURLOPT_USE_SSL, Int(level.rawValue))
        }
        set(CURLOPT_CAINFO, options.caFile)
        set(CURLOPT_CONNECTTIMEOUT, options.timeoutSeconds)
        // A server that stops answering for the time limit ends the transfer.
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, options.timeoutSeconds)
    }
}
