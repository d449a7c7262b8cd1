-- Email intake (SPEC §5, issue 5): limits that keep the message index usable whatever arrives.
--
-- A Message-ID longer than an RFC 5322 line cannot be a real one and would overflow the unique
-- index's row size; the importer stores such a message without one (it is then deduplicated by
-- its sha256 alone), and this check keeps any other writer honest.
ALTER TABLE messages
    ADD CONSTRAINT messages_message_id_length CHECK (message_id IS NULL OR length(message_id) BETWEEN 1 AND 998);

-- Threading a reply by In-Reply-To/References looks letters up by their Message-ID (already
-- unique, hence indexed); replies of one request are read newest first by `dsar show`.
CREATE INDEX messages_replies_by_request ON messages (request_id, imported_at DESC) WHERE status = 'reply';
