// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// SHA-256 fingerprints of TLS certificates, as both programs show and read
// them: "AB:CD:…", what `openssl x509 -noout -fingerprint -sha256` prints.
#pragma once

#include <QString>

class QSslCertificate;

namespace CertificateFingerprint {

// The certificate's SHA-256 over its DER form, "AB:CD:…" (empty for a null
// certificate).
QString of(const QSslCertificate &certificate);

// A SHA-256 fingerprint in any case, with or without colons, or as openssl
// prints it ("sha256 Fingerprint=AB:…"), in the form of(); empty when text
// is not one.
QString normalized(const QString &text);

} // namespace CertificateFingerprint
