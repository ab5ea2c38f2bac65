using System.Reflection;
using RedPacket.Domain.Common;
using RedPacket.Web.Api;

namespace RedPacket.Tests.Unit.Web;

public sealed class ErrorCodeMappingTests
{
    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> EveryCode() => new(ConstantsOf(typeof(ErrorCodes)).Concat(ConstantsOf(typeof(DomainProblemMapping))).Distinct());

    [Theory]
    [MemberData(nameof(EveryCode))]
    public void StatusOf_EveryCodeOfTheApi_MappedExplicitlyWithATitle(string code)
    {
        Assert.InRange(DomainProblemMapping.StatusOf(code), 400, 599);
        Assert.False(string.IsNullOrWhiteSpace(DomainProblemMapping.TitleOf(code)));
    }

    [Fact]
    public void KnownCodes_ExactlyTheDeclaredOnes()
    {
        var declared = ConstantsOf(typeof(ErrorCodes)).Concat(ConstantsOf(typeof(DomainProblemMapping))).Distinct().ToHashSet();
        Assert.Equal(declared.Order(), DomainProblemMapping.KnownCodes.Order());
    }

    [Fact]
    public void StatusOf_AnUnknownCode_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DomainProblemMapping.StatusOf("no_such_code"));

    [Theory]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(413)]
    [InlineData(500)]
    public void CodeOfStatus_WhatTheFrameworkAnswers_AKnownCodeWithThatStatus(int status) =>
        Assert.Equal(status, DomainProblemMapping.StatusOf(DomainProblemMapping.CodeOfStatus(status)!));
}
