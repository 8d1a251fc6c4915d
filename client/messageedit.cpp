#include "messageedit.h"

#include <QKeyEvent>
#include <QTextBlock>
#include <QTextLayout>

MessageEdit::MessageEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
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
