namespace AgentMesh.Transcripts.Reading;

/// <summary>
/// One line of a JSON-lines file. <see cref="Bytes"/> is only valid until the reader moves on.
/// <see cref="Terminated"/> is false for a last line with no newline yet (a file still being written);
/// <see cref="Oversized"/> lines were longer than the reader's limit and were dropped unread.
/// </summary>
internal readonly record struct JsonLine(ReadOnlyMemory<byte> Bytes, bool Terminated, bool Oversized);
