// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The names of the connected clients of a server, shared by its network
// threads (behind a mutex), so that a name cannot copy a connected
// client's: a client whose (sanitized) name matches one in use gets the
// lowest free suffix " (2)", " (3)", … (docs/protocol.md, section 7.2).
// Names match after NFKC and case folding, so "ＡＬＩＣＥ" copies "alice".
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

class NameRegistry
{
public:
    // The name client id may use (name, or name with a suffix), which is
    // then taken until release(id). An empty name is no name: not taken.
    QString claim(quint32 id, const QString &name);
    void release(quint32 id);
    // How names are compared.
    static QString key(const QString &name);

private:
    QMutex m_mutex;
    QHash<QString, quint32> m_byKey;
    QHash<quint32, QString> m_keyOf;
};
