using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Letopis.Core.Data;

/// <summary>
/// A projection written once with the context as a parameter (<c>(db, row) =&gt; new Dto(…,
/// db.Names.Where(…)…)</c>), usable both in ordinary queries (the context fixed) and inside compiled
/// queries (the compiled query's own context parameter).
/// </summary>
public static class QueryShapes
{
    /// <summary>The shape with its context argument fixed, as a one-argument selector.</summary>
    public static Expression<Func<T, TDto>> Bind<T, TDto>(Expression<Func<LetopisDb, T, TDto>> shape, Expression db) =>
        Expression.Lambda<Func<T, TDto>>(ReplacingExpressionVisitor.Replace(shape.Parameters[0], db, shape.Body), shape.Parameters[1]);

    /// <summary><c>source.Select(shape)</c> with the shape's context bound to <paramref name="db"/>.</summary>
    public static MethodCallExpression Select<T, TDto>(Expression source, Expression<Func<LetopisDb, T, TDto>> shape, Expression db) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(T), typeof(TDto)], source, Expression.Quote(Bind(shape, db)));
}
