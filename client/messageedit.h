// The "Message To Server" box: Enter submits, Shift+Enter inserts a newline,
// Up on the first line and Down on the last line walk through the texts sent
// before (like a shell's history); the unsent draft is kept while browsing.
#pragma once

#include <QPlainTextEdit>
#include <QStringList>

class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    // How many sent texts are kept for recall.
    static constexpr int kDefaultHistorySize = 100;

    explicit MessageEdit(QWidget *parent = nullptr);

    // Records a sent text (consecutive duplicates once) and resets browsing.
    void addToHistory(const QString &text);
    QStringList history() const { return m_history; }

Q_SIGNALS:
    // Enter was pressed.
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool cursorOnFirstLine() const;
    bool cursorOnLastLine() const;
    void recall(int index);

    QStringList m_history;
    // m_history.size() means "the draft", not a history entry.
    int m_historyIndex = 0;
    QString m_draft;
};
