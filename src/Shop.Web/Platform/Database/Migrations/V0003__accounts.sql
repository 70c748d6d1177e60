-- Accounts: deactivation, address book, API refresh tokens and seller applications.
ALTER TABLE identity.users ADD COLUMN deactivated_at timestamp with time zone;

CREATE TABLE identity.addresses (
    id                  uuid                     NOT NULL,
    user_id             uuid                     NOT NULL,
    full_name           character varying(100)   NOT NULL,
    phone               character varying(20)    NOT NULL,
    line1               character varying(200)   NOT NULL,
    line2               character varying(200),
    city                character varying(100)   NOT NULL,
    state               character varying(100)   NOT NULL,
    postal_code         character varying(12)    NOT NULL,
    country             character varying(2)     NOT NULL,
    is_default_shipping boolean                  NOT NULL,
    is_default_billing  boolean                  NOT NULL,
    created_at          timestamp with time zone NOT NULL,
    CONSTRAINT pk_addresses PRIMARY KEY (id),
    CONSTRAINT fk_addresses_users_user_id FOREIGN KEY (user_id) REFERENCES identity.users (id) ON DELETE CASCADE
);
CREATE INDEX ix_addresses_user_id ON identity.addresses (user_id);
-- At most one default shipping and one default billing address per user.
CREATE UNIQUE INDEX ux_addresses_default_shipping ON identity.addresses (user_id) WHERE is_default_shipping;
CREATE UNIQUE INDEX ux_addresses_default_billing ON identity.addresses (user_id) WHERE is_default_billing;

CREATE TABLE identity.refresh_tokens (
    id         uuid                     NOT NULL,
    user_id    uuid                     NOT NULL,
    family_id  uuid                     NOT NULL,
    token_hash character varying(64)    NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at    timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
    CONSTRAINT fk_refresh_tokens_users_user_id FOREIGN KEY (user_id) REFERENCES identity.users (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_refresh_tokens_token_hash ON identity.refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_family_id ON identity.refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user_id ON identity.refresh_tokens (user_id);

CREATE TABLE identity.seller_applications (
    id               uuid                     NOT NULL,
    user_id          uuid                     NOT NULL,
    shop_name        character varying(100)   NOT NULL,
    description      character varying(2000)  NOT NULL,
    contact_email    character varying(256)   NOT NULL,
    contact_phone    character varying(20)    NOT NULL,
    status           character varying(16)    NOT NULL,
    submitted_at     timestamp with time zone NOT NULL,
    decided_at       timestamp with time zone,
    decided_by       uuid,
    rejection_reason character varying(500),
    CONSTRAINT pk_seller_applications PRIMARY KEY (id),
    CONSTRAINT fk_seller_applications_users_user_id FOREIGN KEY (user_id) REFERENCES identity.users (id) ON DELETE CASCADE
);
CREATE INDEX ix_seller_applications_user_id ON identity.seller_applications (user_id);
CREATE INDEX ix_seller_applications_status_submitted_at ON identity.seller_applications (status, submitted_at);
-- One open application per user.
CREATE UNIQUE INDEX ux_seller_applications_pending ON identity.seller_applications (user_id) WHERE status = 'pending';
