using System.Linq.Expressions;

namespace Wangge.Core.Common;

/// <summary>
/// Puts a rule written once as an expression to both uses: compiled, it runs in memory; bound to a record's members and
/// a day, it becomes part of a query the database runs. So the ledger's filters and counts cannot drift from the rule.
/// </summary>
public static class ExpressionRules
{
    /// <summary>
    /// The rule's body with each parameter replaced by an argument (a member of the query's record, or <see cref="Value"/>).
    /// </summary>
    public static Expression Inline(LambdaExpression rule, params Expression[] arguments)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (arguments.Length != rule.Parameters.Count)
            throw new ArgumentException($"The rule takes {rule.Parameters.Count} arguments, not {arguments.Length}.", nameof(arguments));
        var map = rule.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second);
        return new Substitution(map).Visit(rule.Body);
    }

    /// <summary>
    /// A value as a query sees a captured variable: read from a holder, so that the database is sent a parameter and a
    /// query plan is reused from day to day, not a new literal each day.
    /// </summary>
    public static Expression Value<T>(T value) => Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));

    private sealed record Holder<T>(T Value);

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
    }
}
