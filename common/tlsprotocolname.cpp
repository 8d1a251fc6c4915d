#include "tlsprotocolname.h"

QString tlsProtocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::UnknownProtocol:
        return {};
    default:
        return QStringLiteral("TLS");
    }
}
