// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "nameregistry.h"

#include "protocol.h"

QString NameRegistry::key(const QString &name)
{
    return name.normalized(QString::NormalizationForm_KC).toCaseFolded();
}

QString NameRegistry::claim(quint32 id, const QString &name)
{
    if (name.isEmpty())
        return name;
    QMutexLocker lock(&m_mutex);
    QString chosen = name;
    for (int n = 2; m_byKey.contains(key(chosen)); ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n);
        QString base = name;
        // Within the name limit, in whole characters.
        while (!base.isEmpty() && (base + suffix).toUtf8().size() > Protocol::kMaxNameSize)
            base.chop(base.size() >= 2 && base.at(base.size() - 1).isLowSurrogate() ? 2 : 1);
        chosen = base.trimmed() + suffix;
    }
    const QString k = key(chosen);
    m_byKey.insert(k, id);
    m_keyOf.insert(id, k);
    return chosen;
}

void NameRegistry::release(quint32 id)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_keyOf.constFind(id);
    if (it == m_keyOf.cend())
        return;
    if (m_byKey.value(*it) == id)
        m_byKey.remove(*it);
    m_keyOf.erase(it);
}
