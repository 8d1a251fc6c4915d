// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "messageedit.h"

#include <QKeyEvent>
#include <QLocale>
#include <QMimeData>
#include <QTextBlock>
#include <QTextDocumentFragment>
#include <QTextLayout>

MessageEdit::MessageEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    // A check of the document's size per change, not a layout: cheap.
    connect(document(), &QTextDocument::contentsChanged, this, &MessageEdit::updateWrapMode);
}

QString MessageEdit::sizeText(qint64 bytes)
{
    const QLocale locale;
    if (bytes < 1024)
        return tr("%n byte(s)", nullptr, int(bytes));
    // One arg() call for both (house rule; neither can hold a placeholder).
    return tr("%1 bytes (%2)").arg(locale.toString(bytes), locale.formattedDataSize(bytes, 1));
}

void MessageEdit::updateWrapMode()
{
    const QTextOption::WrapMode mode = document()->characterCount() > kWordWrapLimit
        ? QTextOption::WrapAnywhere
        : QTextOption::WrapAtWordBoundaryOrAnywhere;
    if (wordWrapMode() != mode)
        setWordWrapMode(mode);
}

void MessageEdit::insertFromMimeData(const QMimeData *source)
{
    // An X clipboard whose owner is gone, or did not answer in time (a large
    // selection), has no formats at all, and Qt 6.4's
    // QWidgetTextControl::insertFromMimeData reads formats().first() without
    // checking: a segfault at 0x10. There is nothing to paste.
    if (!source || source->formats().isEmpty())
        return;
    const qsizetype limit = m_sizeLimit ? m_sizeLimit() : 0;
    if (limit > 0) {
        // What the text would be in UTF-8: what stays, plus what comes in.
        // text(), not hasText(): an owner offering only
        // "text/plain;charset=utf-8" has text that hasText() does not see,
        // and the base class pastes it.
        const QString incoming = source->text();
        const QTextCursor cursor = textCursor();
        const qint64 current = toPlainText().toUtf8().size();
        const qint64 replaced = cursor.hasSelection() ? cursor.selection().toPlainText().toUtf8().size() : 0;
        const qint64 total = current - replaced + QStringView(incoming).toUtf8().size();
        if (total > limit) {
            Q_EMIT inputRefused(tr("Not pasted: %1 is more than the maximum message size of %2")
                                    .arg(sizeText(total), sizeText(limit)));
            return;
        }
        // Laid out once, in the mode the new size needs.
        if (document()->characterCount() + incoming.size() > kWordWrapLimit)
            setWordWrapMode(QTextOption::WrapAnywhere);
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void MessageEdit::addToHistory(const QString &text)
{
    if (!text.isEmpty() && (m_history.isEmpty() || m_history.constLast() != text))
        m_history.append(text);
    while (m_history.size() > kDefaultHistorySize)
        m_history.removeFirst();
    m_historyIndex = int(m_history.size());
    m_draft.clear();
}

void MessageEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        if (event->modifiers() & Qt::ShiftModifier) {
            insertPlainText(QStringLiteral("\n"));
        } else {
            Q_EMIT submitted();
        }
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && cursorOnFirstLine()
        && m_historyIndex > 0) {
        recall(m_historyIndex - 1);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier && cursorOnLastLine()
        && m_historyIndex < m_history.size()) {
        recall(m_historyIndex + 1);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool MessageEdit::cursorOnFirstLine() const
{
    const QTextCursor cursor = textCursor();
    const QTextBlock block = cursor.block();
    if (block != document()->firstBlock())
        return false;
    const QTextLayout *layout = block.layout();
    if (!layout || layout->lineCount() == 0)
        return true;
    return layout->lineForTextPosition(cursor.positionInBlock()).lineNumber() <= 0;
}

bool MessageEdit::cursorOnLastLine() const
{
    const QTextCursor cursor = textCursor();
    const QTextBlock block = cursor.block();
    if (block != document()->lastBlock())
        return false;
    const QTextLayout *layout = block.layout();
    if (!layout || layout->lineCount() == 0)
        return true;
    const int line = layout->lineForTextPosition(cursor.positionInBlock()).lineNumber();
    return line < 0 || line == layout->lineCount() - 1;
}

void MessageEdit::recall(int index)
{
    if (m_historyIndex == m_history.size())
        m_draft = toPlainText();
    m_historyIndex = index;
    setPlainText(index < m_history.size() ? m_history.at(index) : m_draft);
    moveCursor(QTextCursor::End);
}
