namespace AgentMesh.Storage.Sqlite.Connections;

/// <summary>Pieces of SQL that every statement must write the same way.</summary>
internal static class SqlFragments
{
    /// <summary>
    /// The row limit, bound to <c>$limit</c> behind a unary plus. SQLite (3.50 here) reads a bare bound <c>LIMIT</c>
    /// while it plans, which ties the plan to the value: each new binding then compiles the whole statement again at
    /// its next step (a parse and a plan per inbox peek, ~50 µs). The plus makes it an expression the planner does
    /// not read, so the statement is prepared once and reused. <c>SqliteStatementReuseTests</c> holds every
    /// statement with a <c>$limit</c> to it.
    /// </summary>
    public const string Limit = "LIMIT +$limit";
}
