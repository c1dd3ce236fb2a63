"""The seal of a format 2 workbook: its identity and digests, signed with the workspace's key.

At export the identity (country, periods and their revisions, plan, format version, coordinator,
e-mail), the content digest and the report digest are written as one JSON text, `seal`, beside the
signer's public key and an Ed25519 signature over that text. On import the signature is checked
first, then every identity cell of the hidden sheet against the seal: a file relabelled to another
country, period or revision, or given another reply-to address, is refused and names the field.
Edits in fillable cells do not touch the seal; they stay "edited after export".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.i18n import N_, _
from app.models.services.keys.signature import decode_key, public_text, sign, verify
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.data import Identity

#: Distinguishes a submission's signature from any other the same key makes (plan, receipt).
CONTEXT = b"AlmatyProcess submission seal v2\n"
SEAL_KEY, PUBLIC_KEY, SIGNATURE_KEY = "seal", "public_key", "signature"

#: Field names as a person reads them in a refusal.
FIELD_LABELS = {
    "country": N_("country"), "period": N_("period"), "revision": N_("revision"),
    "plan_code": N_("plan code"), "plan_version": N_("plan version"),
    "periods": N_("periods"), "history": N_("history"), "format_version": N_("format version"),
    "coordinator": N_("coordinator"), "email": N_("e-mail"), "revisions": N_("revisions"),
    "digest": N_("digest"),
}


@dataclass(frozen=True)
class Seal:
    """What a verified seal says, beyond the identity the meta sheet repeats."""

    public_key: bytes
    digest: str
    report_digest: str


def seal_text(identity: Identity, digest: str, report_digest: str) -> str:
    return json.dumps({"identity": identity.as_dict(), "digest": digest,
                       "report_digest": report_digest},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def signed_message(context: bytes, text: str) -> bytes:
    return context + text.encode()


def seal_meta(identity: Identity, digest: str, report_digest: str, key: Ed25519PrivateKey,
              context: bytes = CONTEXT) -> dict[str, str]:
    """The meta rows that seal and sign a workbook."""
    text = seal_text(identity, digest, report_digest)
    return {SEAL_KEY: text, PUBLIC_KEY: public_text(key),
            SIGNATURE_KEY: sign(key, signed_message(context, text))}


def verified_seal(meta: dict[str, str], path: Path, context: bytes = CONTEXT
                  ) -> tuple[dict[str, Any], bytes]:
    """The seal's JSON and the signer's key, once the signature is checked; refuses otherwise."""
    text, key_text = meta.get(SEAL_KEY, ""), meta.get(PUBLIC_KEY, "")
    public_key = decode_key(key_text)
    if not text or public_key is None or not meta.get(SIGNATURE_KEY):
        raise WorkbookRefusedError("unsigned", _(
            "{name} has no valid signature, although its format always has one: it was changed "
            "after export. Nothing was imported; ask the coordinator to send the file again."
        ).format(name=path.name))
    if not verify(public_key, meta[SIGNATURE_KEY], signed_message(context, text)):
        raise WorkbookRefusedError("bad_signature", _(
            "The signature of {name} does not match its seal: the identity or the digest was "
            "changed after export. Nothing was imported; ask the coordinator to send the file "
            "again.").format(name=path.name))
    try:
        sealed = json.loads(text)
        if not isinstance(sealed, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        raise WorkbookRefusedError("damaged", _("The seal of {name} is damaged ({detail}).").format(
            name=path.name, detail=exc)) from exc
    return sealed, public_key


def check_seal(meta: dict[str, str], identity: Identity, path: Path) -> Seal:
    """Verify the signature and that the meta sheet's identity is the sealed one, field by field."""
    sealed, public_key = verified_seal(meta, path)
    try:
        original = Identity.from_seal(sealed["identity"])
        digest, report_digest = str(sealed["digest"]), str(sealed["report_digest"])
    except (KeyError, TypeError, ValueError) as exc:
        raise WorkbookRefusedError("damaged", _("The seal of {name} is damaged ({detail}).").format(
            name=path.name, detail=exc)) from exc
    for field in fields(Identity):
        sealed_value, file_value = getattr(original, field.name), getattr(identity, field.name)
        if sealed_value != file_value:
            raise identity_edited(path, field.name, sealed_value, file_value)
    if meta.get("digest", digest) != digest:
        raise identity_edited(path, "digest", digest, meta.get("digest", ""))
    return Seal(public_key, digest, report_digest)


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(":".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in value)
    return str(value)


def identity_edited(path: Path, field: str, sealed: Any, found: Any) -> WorkbookRefusedError:
    return WorkbookRefusedError("identity_edited", _(
        "The identity of {name} was edited after export: its {field} says “{found}”, but it was "
        "exported as “{sealed}”. Such a file is never applied; nothing was imported. Ask the "
        "coordinator for the file as their app exported it.").format(
            name=path.name, field=_(FIELD_LABELS.get(field, field)), found=_shown(found),
            sealed=_shown(sealed)))
