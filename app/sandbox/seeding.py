"""The partner the sandbox serves, created on first run and kept in the database.

Its id and secrets come from `SandboxConfig` (TESTME_SANDBOX_*) when given, else are generated
once; an admin user who can `user.loginByLoginId` is created with it, and what api_v3 gives a
new partner (`defaults.py`: its profile, default access control and conversion profiles) is
added to it — and, once, to a partner a data dir kept from before. The console shows the
credentials in sandbox mode (`SandboxCredentials`).
"""

from __future__ import annotations

import secrets
import time

from app.sandbox import defaults
from app.sandbox.config import SandboxConfig, SandboxCredentials
from app.sandbox.passwords import hash_password
from app.sandbox.store import Db, KObject

ADMIN_LOGIN = "admin@testme.local"
USER_KIND = "user"


def _secret() -> str:
    return secrets.token_hex(16)  # 32 hex characters, the shape of a real partner secret


def ensure_partner(db: Db, config: SandboxConfig) -> SandboxCredentials:
    partners = db.partners()
    existing = next(
        (p for p in partners if config.partner_id in (None, p["id"])),
        None,
    )
    if existing is None:
        partner_id = config.partner_id or secrets.randbelow(9_000_000) + 1_000_000
        password = secrets.token_urlsafe(9)
        db.save_partner(
            partner_id,
            config.admin_secret or _secret(),
            config.user_secret or _secret(),
            ADMIN_LOGIN,
            password,
        )
        _seed_admin_user(db, partner_id, password)
    else:
        partner_id = int(existing["id"])
        admin_secret = config.admin_secret or existing["admin_secret"]
        user_secret = config.user_secret or existing["user_secret"]
        if (admin_secret, user_secret) != (existing["admin_secret"], existing["user_secret"]):
            db.save_partner(
                partner_id,
                admin_secret,
                user_secret,
                existing["admin_login"],
                existing["admin_password"],
            )
    now = int(time.time())
    defaults.ensure(db, partner_id, _profile(partner_id, now), now)
    row = db.partner(partner_id)
    assert row is not None
    return SandboxCredentials(
        partner_id=partner_id,
        admin_secret=row["admin_secret"],
        user_secret=row["user_secret"],
        admin_login=row["admin_login"],
        admin_password=row["admin_password"],
    )


def _profile(partner_id: int, now: int) -> KObject:
    """What `partner.get` shows of the partner besides its secrets (kept in `partners`)."""
    return {
        "objectType": "KalturaPartner",
        "id": partner_id,
        "name": "testme sandbox",
        "description": "The partner of testme's embedded sandbox",
        "adminName": "Sandbox Admin",
        "adminEmail": ADMIN_LOGIN,
        "adminUserId": ADMIN_LOGIN,
        "firstName": "Sandbox",
        "lastName": "Admin",
        "createdAt": now,
        "status": 1,  # ACTIVE
        "type": 1,  # KMC
        "partnerPackage": 1,
        "partnerGroupType": 1,  # PUBLISHER
        "templatePartnerId": defaults.TEMPLATE_PARTNER_ID,
        "defaultEntitlementEnforcement": False,
        "appearInSearch": 1,
        "commercialUse": 0,
        "maxUploadSize": 0,
    }


def _seed_admin_user(db: Db, partner_id: int, password: str) -> None:
    now = int(time.time())
    db.put(
        USER_KIND,
        ADMIN_LOGIN,
        partner_id,
        {
            "objectType": "KalturaUser",
            "id": ADMIN_LOGIN,
            "partnerId": partner_id,
            "screenName": "Sandbox admin",
            "email": ADMIN_LOGIN,
            "status": 1,
            "createdAt": now,
            "updatedAt": now,
            "type": 0,
            "isAdmin": True,
            "isAccountOwner": True,
            "loginEnabled": True,
            "firstName": "Sandbox",
            "lastName": "Admin",
            "roleIds": "",
            "passwordHash": hash_password(password),
        },
    )
