-- The desk's own retention rule (issue 9 §7, `dsar purge`): an anonymised requester keeps no
-- contact details, and the purge finds the requesters not yet anonymised without a full scan.
ALTER TABLE requesters ADD CONSTRAINT requesters_anonymised_without_contact
    CHECK (anonymised_at IS NULL OR (email IS NULL AND phone IS NULL));
CREATE INDEX requesters_not_anonymised ON requesters (id) WHERE anonymised_at IS NULL;
